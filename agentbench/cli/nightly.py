"""stub"""

def nightly() -> int:
    return 0
