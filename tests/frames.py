"""Small frames shaped like the published tables, for tests."""
import pandas as pd


def frame(table, rows: list[dict]) -> pd.DataFrame:
    """A DataFrame with `table`'s columns in contract order (missing values empty, integers nullable)."""
    names = [f.name for f in table.fields]
    df = pd.DataFrame([{n: r.get(n) for n in names} for r in rows], columns=names)
    for f in table.fields:
        if f.type in ("integer", "year"):
            df[f.name] = df[f.name].astype("Int64")
    return df
