"""Helpers shared by the tests and by scripts/ (which import them; tests never import scripts): databases,
the IMAP server, reply letters and sample specs built from scratch, scans, intake runs, a seeded review app."""
