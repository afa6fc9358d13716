"""Builders of test documents (DOCX/PDF inputs made from scratch)."""
