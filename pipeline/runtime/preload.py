"""Imported once by the worker fork server: every worker starts with the libraries loaded and the spaCy
pipeline built, instead of paying a second for them on its first file."""
import gc

from extractors.fields import read_fields  # noqa: F401
from extractors.fields.checks import run_checks  # noqa: F401
from extractors.nlp import get_nlp
from extractors.readers import READERS, read_document  # noqa: F401  (READERS: the parsers' imports)
from pipeline.runtime.extract import extract_path  # noqa: F401

get_nlp()
# Keep the collector off these objects: workers forked from here then share their pages instead of copying them.
gc.freeze()
