"""Normalisation: text blocks → measures, and the value parsers for Swedish amounts, periods,
deadlines, statuses, regions and bodies that the measure builder relies on."""
