"""Vietnamese text helpers shared by readers and field extractors."""
