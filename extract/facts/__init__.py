"""Facts: numbers, units, dates, periods and 文号, normalised and traceable to their block and span."""
from extract.facts.dates import DateMatch, parse_dates
from extract.facts.docnumbers import DocNumber, parse_doc_numbers
from extract.facts.extractor import extract_facts
from extract.facts.numbers import NumberMatch, parse_numbers
from extract.facts.units import UnitInfo, convert, to_canonical, unit_info

__all__ = ["DateMatch", "DocNumber", "NumberMatch", "UnitInfo", "convert", "extract_facts", "parse_dates",
           "parse_doc_numbers", "parse_numbers", "to_canonical", "unit_info"]
