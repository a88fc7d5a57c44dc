class SQLError(Exception):
    """Raised for any invalid statement: syntax errors, unknown tables or columns, and so on."""
