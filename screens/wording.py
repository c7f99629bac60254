"""Small helpers for the words screens show."""


def counted(number: int, singular: str, plural: str) -> str:
    """``number`` followed by the noun phrase that agrees with it ("1 licença", "2 licenças")."""
    return f"{number} {singular if number == 1 else plural}"
