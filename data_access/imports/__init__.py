"""Importing reported data from CSV and Excel files: read, validate, compare with the
database, then write all rows in one transaction or none."""
