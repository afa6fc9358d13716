"""Reading and understanding reply letters: readers (formats) and field extractors (answers)."""
