"""The pdfium calls made once per character or page object, as lean prototypes.

pypdfium2's bindings check every argument's pointer type; called a few times per character that
checking costs three times the call itself. These prototypes take handles as plain addresses
(`handle()`), bound to the same functions of the library pypdfium2 loaded: ctypes prototypes for the
calls made per page object, cffi ones (half ctypes' cost per call) for the calls made per character.
"""
from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_ushort, c_void_p

import cffi
import pypdfium2.raw as pdfium_c

_FFI = cffi.FFI()


def _address(name: str) -> int:
    """Where pdfium's function `name` lies in the library pypdfium2 loaded."""
    return ctypes.cast(getattr(pdfium_c, name), c_void_p).value


def _bind(name: str, restype, *argtypes):
    return ctypes.CFUNCTYPE(restype, *argtypes)(_address(name))


def _bind_fast(name: str, signature: str):
    """A cffi pointer to pdfium's function `name`, handles declared as addresses (uintptr_t)."""
    return _FFI.cast(signature, _address(name))


def doubles(n: int):
    """A C array of `n` doubles for the cffi calls to write into."""
    return _FFI.new(f"double[{n}]")


def handle(obj) -> int:
    """The address of a pypdfium2 object (PdfPage, PdfTextPage: its `.raw`) or a raw ctypes pointer."""
    return ctypes.cast(getattr(obj, "raw", obj), c_void_p).value or 0


Matrix = tuple[float, float, float, float, float, float]

count_chars = _bind("FPDFText_CountChars", c_int, c_void_p)
get_unicode = _bind("FPDFText_GetUnicode", c_uint, c_void_p, c_int)
is_generated = _bind_fast("FPDFText_IsGenerated", "int(*)(uintptr_t, int)")
get_text_object = _bind_fast("FPDFText_GetTextObject", "uintptr_t(*)(uintptr_t, int)")  # 0 for none
get_char_origin = _bind_fast("FPDFText_GetCharOrigin", "int(*)(uintptr_t, int, double*, double*)")
get_loose_char_box = _bind("FPDFText_GetLooseCharBox", c_int, c_void_p, c_int, POINTER(pdfium_c.FS_RECTF))
get_char_matrix = _bind("FPDFText_GetMatrix", c_int, c_void_p, c_int, POINTER(pdfium_c.FS_MATRIX))
get_text = _bind("FPDFText_GetText", c_int, c_void_p, c_int, c_int, POINTER(c_ushort))
get_char_font_size = _bind("FPDFText_GetFontSize", c_double, c_void_p, c_int)

count_objects = _bind("FPDFPage_CountObjects", c_int, c_void_p)
get_object = _bind("FPDFPage_GetObject", c_void_p, c_void_p, c_int)
count_form_objects = _bind("FPDFFormObj_CountObjects", c_int, c_void_p)
get_form_object = _bind("FPDFFormObj_GetObject", c_void_p, c_void_p, c_ulong)
get_type = _bind("FPDFPageObj_GetType", c_int, c_void_p)
get_bounds = _bind("FPDFPageObj_GetBounds", c_int, c_void_p, POINTER(c_float), POINTER(c_float), POINTER(c_float),
                   POINTER(c_float))
get_matrix = _bind("FPDFPageObj_GetMatrix", c_int, c_void_p, POINTER(pdfium_c.FS_MATRIX))

get_fill_color = _bind("FPDFPageObj_GetFillColor", c_int, c_void_p, POINTER(c_uint), POINTER(c_uint), POINTER(c_uint),
                        POINTER(c_uint))
get_draw_mode = _bind("FPDFPath_GetDrawMode", c_int, c_void_p, POINTER(c_int), POINTER(c_int))
count_segments = _bind("FPDFPath_CountSegments", c_int, c_void_p)
get_segment = _bind("FPDFPath_GetPathSegment", c_void_p, c_void_p, c_int)
get_segment_type = _bind("FPDFPathSegment_GetType", c_int, c_void_p)
segment_close = _bind("FPDFPathSegment_GetClose", c_int, c_void_p)
get_segment_point = _bind("FPDFPathSegment_GetPoint", c_int, c_void_p, POINTER(c_float), POINTER(c_float))

text_object_font = _bind("FPDFTextObj_GetFont", c_void_p, c_void_p)
text_object_font_size = _bind("FPDFTextObj_GetFontSize", c_int, c_void_p, POINTER(c_float))
text_object_text = _bind("FPDFTextObj_GetText", c_ulong, c_void_p, c_void_p, POINTER(c_ushort), c_ulong)
font_base_name = _bind("FPDFFont_GetBaseFontName", c_size_t, c_void_p, POINTER(c_char), c_size_t)
font_is_embedded = _bind("FPDFFont_GetIsEmbedded", c_int, c_void_p)
font_descent = _bind("FPDFFont_GetDescent", c_int, c_void_p, c_float, POINTER(c_float))
font_glyph_width = _bind("FPDFFont_GetGlyphWidth", c_int, c_void_p, c_uint, c_float, POINTER(c_float))

OBJ_TEXT, OBJ_PATH, OBJ_IMAGE, OBJ_FORM = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH,
                                          pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)
SEGMENT_MOVETO, SEGMENT_BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


def object_matrix(obj: int) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    get_matrix(obj, ctypes.byref(m))
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def object_bounds(obj: int) -> tuple[float, float, float, float] | None:
    """(left, bottom, right, top) of a page object in its own container's space."""
    v = [c_float() for _ in range(4)]
    if not get_bounds(obj, *(ctypes.byref(x) for x in v)):
        return None
    return v[0].value, v[1].value, v[2].value, v[3].value


def text_object_string(obj: int, textpage: int) -> str:
    """The text of a text object (pdfium's reading of it)."""
    n = text_object_text(obj, textpage, None, 0)
    if n <= 2:
        return ""
    buf = (c_ushort * (n // 2))()
    text_object_text(obj, textpage, buf, n)
    return bytes(buf)[:n - 2].decode("utf-16-le", "replace")
