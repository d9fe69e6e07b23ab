"""The hand-over to SIASN / e-Kinerja: code tables, payloads, export, workbook, read-back."""
