#!/usr/bin/env python3
"""The standard speed task (shared/bench-task.md) done the way a good polars user would do it.

Usage: polars_task.py INPUT.csv PIPELINES_DIR OUT_DIR

Reads one household review list (UTF-8 with BOM, CRLF, Vietnamese headers), applies the rules of
Pipelines/household-review.yaml (HR-REQUIRED, HR-TYPE, HR-COMMUNE, HR-UNIQUE, HR-CCCD, HR-COUNT, HR-CLASS;
errors drop the row, warnings keep it), writes the kept rows in input order to OUT_DIR/households.csv.gz
(gzip level 6, the canonical columns of commune-etl) and every anomaly to OUT_DIR/anomalies.csv, then prints
one JSON line: rows read, rows kept, faulty rows (distinct lines with an anomaly), anomalies by rule.

Everything per row is a polars expression; Python only folds the few distinct commune names and class
labels (a few dozen values) into lookup tables. The constants below are those of household-review.yaml;
the commune tables are read from PIPELINES_DIR/reference.
"""
import json
import os
import re
import sys
import unicodedata

import polars as pl

# Vietnamese header -> field name (household-review.yaml `fields`, the spellings of the bench task).
HEADERS = {
    "STT": "row_number", "Mã hộ": "household_code", "Họ và tên chủ hộ": "head_name", "Số CCCD": "citizen_id",
    "Dân tộc": "ethnicity", "Thôn/Bản": "village", "Xã": "commune", "Số nhân khẩu": "household_size",
    "Thu nhập BQ (đồng/người/tháng)": "income", "Việc làm": "employment",
    "Người phụ thuộc trong hộ": "dependents", "Dinh dưỡng": "nutrition", "Bảo hiểm y tế": "health_insurance",
    "Trình độ giáo dục của người lớn": "adult_education",
    "Tình trạng đi học của trẻ em": "child_school_attendance", "Chất lượng nhà ở": "housing_quality",
    "Diện tích nhà ở bình quân đầu người": "housing_area_per_capita",
    "Nguồn nước sinh hoạt": "domestic_water", "Nhà tiêu hợp vệ sinh": "hygienic_latrine",
    "Sử dụng dịch vụ viễn thông": "telecom_services",
    "Phương tiện phục vụ tiếp cận thông tin": "information_access",
    "Số chỉ số thiếu hụt": "reported_count", "Phân loại": "reported_class", "Năm": "year",
}
INDICATORS = ["employment", "dependents", "nutrition", "health_insurance", "adult_education",
              "child_school_attendance", "housing_quality", "housing_area_per_capita", "domestic_water",
              "hygienic_latrine", "telecom_services", "information_access"]
# Canonical names of the fields whose names differ here.
FIELD_NAME = {"commune": "commune_code", "income": "income_vnd", "reported_count": "reported_deprivation_count",
              "reported_class": "reported_classification"}
# Integer fields: (min, max).
RANGES = {"household_size": (1, 30), "income": (0, 100_000_000), "reported_count": (0, 12), "year": (2021, 2025)}
AMBIGUOUS_BELOW = 100_000  # income: `1.250` with one separator below this is ambiguous (yaml ambiguous_below)
CLASS_LABELS = {
    "poor": ["Hộ nghèo", "Nghèo", "HN"],
    "near_poor": ["Hộ cận nghèo", "Cận nghèo", "HCN", "CN"],
    "average": ["Hộ có mức sống trung bình", "Hộ mức sống trung bình", "Mức sống trung bình", "MSTB"],
    "not_poor": ["Không nghèo", "Hộ không nghèo", "Không"],
}
AGREES = {"poor": ["poor"], "near_poor": ["near_poor"], "average": ["average"], "not_poor": ["average", "not_poor"]}
POVERTY_LINE = {"xa": 1_500_000, "thi_tran": 2_000_000}
POOR_MIN_DEPRIVATIONS = 3
AVERAGE_CEILING_FACTOR = 1.5
RESOLUTION_PERIOD = ("2020-03-01", "2025-06-30")
FLAG_YES = ["x", "X", "1", "✓", "✔", "có", "Có", "CÓ", "cÓ"]
OUTPUT = ["commune_code", "year", "household_code", "head_name", "citizen_id", "ethnicity", "village",
          "household_size", "income_vnd", *INDICATORS, "deprivation_count", "classification", "source_file",
          "source_line"]


def fold(text):
    """Name key: NFD, combining marks dropped, đ -> d, ASCII lower case, other characters one space."""
    out, pending = [], False
    for ch in unicodedata.normalize("NFD", text):
        code = ord(ch)
        if ch.isascii() and ch.isalnum():
            letter = ch.lower()
        elif code in (0x110, 0x111, 0xD0):
            letter = "d"
        elif 0x300 <= code <= 0x36F or ch in "'`\u2018\u2019\u02bc":
            continue
        else:
            pending = True
            continue
        if pending and out:
            out.append(" ")
        pending = False
        out.append(letter)
    return "".join(out)


TYPE_WORDS = [("xa ", "xa"), ("x ", "xa"), ("thi tran ", "thi_tran"), ("tt ", "thi_tran")]


def split_type_word(key):
    for word, kind in TYPE_WORDS:
        if key.startswith(word) and len(key) > len(word):
            return kind, key[len(word):]
    return None


def commune_resolver(reference):
    """A function from a written commune (name, alias, 5- or 4-digit code) to its code, or None."""
    communes = pl.read_csv(os.path.join(reference, "communes.csv"), infer_schema=False)
    communes = communes.filter((pl.col("valid_from") <= RESOLUTION_PERIOD[1])
                               & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= RESOLUTION_PERIOD[0])))
    kind = dict(zip(communes["code"], communes["type"]))
    by_key = {fold(name): code for code, name in zip(communes["code"], communes["name"])}
    aliases = pl.read_csv(os.path.join(reference, "commune-aliases.csv"), infer_schema=False)
    for code, alias in zip(aliases["code"], aliases["alias"]):
        key = fold(alias)
        by_key[key] = code
        if split := split_type_word(key):
            by_key[split[1]] = code

    def resolve(written):
        trimmed = written.strip(" \t")
        if re.fullmatch(r"[0-9]{4,5}", trimmed):
            return trimmed.zfill(5) if trimmed.zfill(5) in kind else None
        key = fold(written)
        if (split := split_type_word(key)) and split[1] in by_key:
            code = by_key[split[1]]
            return code if kind[code] == split[0] else None
        return by_key.get(key)

    return resolve, kind


# `1250000`, `1.250.000`, `1,250,000` or `1 250 000`, in one pass.
INTEGER = r"^(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+)$"


def integer(column, low, high, ambiguous_below=None, currency=False):
    """The value of an integer column, null when missing or invalid (then `<column>` is set and this is not)."""
    text = pl.col(column)
    if currency:
        text = text.str.replace(r"(?i)\s*(?:đồng|đ|vnđ|vnd|₫)$", "")
    value = pl.when(text.str.contains(INTEGER)).then(text.str.replace_all(r"[., ]", "").str.to_integer(strict=False))
    if ambiguous_below is not None:
        single = text.str.count_matches(r"[.,]") == 1
        value = pl.when(single & (value < ambiguous_below) & (value != 0)).then(None).otherwise(value)
    return pl.when(value.is_between(low, high)).then(value)


def main(input_path, pipelines, out_dir):
    resolve, commune_kind = commune_resolver(os.path.join(pipelines, "reference"))
    label_of = {fold(label): key for key, labels in CLASS_LABELS.items() for label in labels}
    source_file = os.path.basename(input_path)

    raw = pl.read_csv(input_path, infer_schema=False, encoding="utf8", row_index_name="source_line",
                      row_index_offset=2)  # Line 1 is the header; polars strips the BOM.
    raw = raw.rename({header: name for header, name in HEADERS.items() if header in raw.columns})
    # The few distinct communes and class labels are folded in Python, once each.
    distinct = {c: raw[c].str.strip_chars(" ").drop_nulls().unique() for c in ["commune", "reported_class"]}
    communes = {written: resolve(written) for written in distinct["commune"]}
    labels = {written: label_of.get(fold(written)) for written in distinct["reported_class"]}

    # Cells are trimmed of spaces and a blank cell is missing. (Text is already NFC in the bench input;
    # commune-etl checks that, and `str.normalize("NFC")` here would cost ~1 s per million rows.)
    text_columns = [c for c in raw.columns if c != "source_line"]
    df = raw.lazy().with_columns(
        pl.when(pl.col(text_columns).str.strip_chars(" ") != "").then(pl.col(text_columns).str.strip_chars(" ")))
    df = df.with_columns(
        pl.col("commune").replace_strict(communes, default=None, return_dtype=pl.String).alias("commune_code"),
        pl.col("reported_class").replace_strict(labels, default=None, return_dtype=pl.String).alias("said"),
        *[integer(name, *RANGES[name], ambiguous_below=AMBIGUOUS_BELOW if name == "income" else None,
                  currency=name == "income").alias(name + "_v") for name in RANGES],
        *[pl.when(pl.col(c).is_null() | (pl.col(c) == "0")).then(0)
            .when(pl.col(c).is_in(FLAG_YES)).then(1).alias(c + "_v") for c in INDICATORS],
    )
    line = pl.col("commune_code").replace_strict(
        {code: POVERTY_LINE[kind] for code, kind in commune_kind.items()}, default=None, return_dtype=pl.Int64)
    flags = [pl.col(c + "_v") for c in INDICATORS]
    df = df.with_columns(pl.when(pl.all_horizontal([f.is_not_null() for f in flags]))
                         .then(pl.sum_horizontal(flags).cast(pl.Int64)).alias("deprivation_count"))
    income, count = pl.col("income_v"), pl.col("deprivation_count")
    df = df.with_columns(
        pl.when(income.is_null() | count.is_null() | line.is_null()).then(None)
        .when(income <= line).then(pl.when(count >= POOR_MIN_DEPRIVATIONS).then(pl.lit("poor")).otherwise(pl.lit("near_poor")))
        .when(income <= line * AVERAGE_CEILING_FACTOR).then(pl.lit("average"))
        .otherwise(pl.lit("not_poor")).alias("classification"))

    # Findings, in the order of the yaml's rules: (rule, severity, field, condition, written column).
    def invalid(name):
        return pl.col(name).is_not_null() & pl.col(name + "_v").is_null()

    findings = []
    for name in ["household_code", "head_name", "commune", "household_size", "income", "reported_class", "year"]:
        findings.append(("HR-REQUIRED", "error", FIELD_NAME.get(name, name), pl.col(name).is_null(), name))
    for name in ["household_size", "income", *INDICATORS, "reported_count", "reported_class", "year"]:
        bad = (pl.col(name).is_not_null() & pl.col("said").is_null()) if name == "reported_class" else invalid(name)
        findings.append(("HR-TYPE", "error", FIELD_NAME.get(name, name), bad, name))
    findings.append(("HR-COMMUNE", "error", "commune_code",
                     pl.col("commune").is_not_null() & pl.col("commune_code").is_null(), "commune"))
    key = ["commune_code", "year_v", "household_code"]
    findings.append(("HR-UNIQUE", "error", "household_code",
                     pl.all_horizontal([pl.col(k).is_not_null() for k in key]) & ~pl.struct(key).is_first_distinct(),
                     "household_code"))
    findings.append(("HR-CCCD", "warning", "citizen_id",
                     pl.col("citizen_id").is_not_null() & ~pl.col("citizen_id").str.contains(r"^[0-9]{12}$"),
                     "citizen_id"))
    findings.append(("HR-COUNT", "warning", "deprivation_count",
                     pl.col("reported_count_v").is_not_null() & count.is_not_null()
                     & (pl.col("reported_count_v") != count), "reported_count"))
    agrees = pl.concat_str([pl.col("said"), pl.col("classification")], separator=">").is_in(
        [f"{said}>{found}" for said, founds in AGREES.items() for found in founds])
    findings.append(("HR-CLASS", "error", "classification",
                     pl.col("said").is_not_null() & pl.col("classification").is_not_null() & ~agrees,
                     "reported_class"))
    flag_names = [f"_f{i}" for i in range(len(findings))]
    df = df.with_columns(*[cond.alias(flag) for flag, (_, _, _, cond, _) in zip(flag_names, findings)])
    errors = [flag for flag, finding in zip(flag_names, findings) if finding[1] == "error"]
    df = df.with_columns(pl.any_horizontal(errors).alias("has_error"), pl.any_horizontal(flag_names).alias("found"))
    df = df.collect()

    # Anomalies: only the rows with a finding (~2 %), one frame per rule and field.
    found = df.lazy().filter(pl.col("found"))
    anomalies = pl.concat([
        found.filter(pl.col(flag)).select(
            "source_line", pl.lit(rule).alias("rule"), pl.lit(severity).alias("severity"),
            pl.lit(source_file).alias("source_file"), pl.col("commune_code"),
            pl.col("household_code").alias("record_key"), pl.lit(field).alias("field"),
            pl.col(column).fill_null("").alias("value"), pl.lit(i).alias("order"))
        for i, (flag, (rule, severity, field, _, column)) in enumerate(zip(flag_names, findings))
    ]).sort("source_line", "order").drop("order").collect()

    kept = df.lazy().filter(~pl.col("has_error")).select(
        "commune_code", pl.col("year_v").alias("year"), "household_code", "head_name",
        pl.when(pl.col(flag_names[[f[0] for f in findings].index("HR-CCCD")])).then(None).otherwise(pl.col("citizen_id")).alias("citizen_id"),
        "ethnicity", "village", pl.col("household_size_v").alias("household_size"),
        pl.col("income_v").alias("income_vnd"), *[pl.col(c + "_v").alias(c) for c in INDICATORS],
        "deprivation_count", "classification", pl.lit(source_file).alias("source_file"), "source_line",
    ).collect()
    os.makedirs(out_dir, exist_ok=True)
    kept.write_csv(os.path.join(out_dir, "households.csv.gz"), compression="gzip", compression_level=6)
    anomalies.select("severity", "rule", "source_file", "source_line", "commune_code", "record_key", "field",
                     "value").write_csv(os.path.join(out_dir, "anomalies.csv"))
    print(json.dumps({
        "rows": df.height, "kept": kept.height, "faulty_rows": anomalies["source_line"].n_unique(),
        "anomalies": anomalies.height,
        "by_rule": dict(sorted(anomalies.group_by("rule").len().iter_rows())),
    }))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
