"""The app's own two themes, dark and light, tuned so every text reaches WCAG AA contrast.

Textual's built-in themes are made for developers' tools: the light one writes the footer keys,
the accent and the success badge at 1.2–2.6:1. Ours start from them and darken (or lighten) only
the colours that text is drawn in; ``tests/test_theme_contrast.py`` computes every ratio.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.color import Color
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.theme import BUILTIN_THEMES, Theme

DARK = "escuro"
LIGHT = "claro"

_dark = BUILTIN_THEMES["textual-dark"]
_light = BUILTIN_THEMES["textual-light"]

THEMES: dict[str, Theme] = {
    DARK: replace(
        _dark,
        name=DARK,
        error="#CB4C69",
        secondary="#4974AC",
        variables={**_dark.variables, "block-cursor-background": "#0A5A9C"},
    ),
    LIGHT: replace(
        _light,
        name=LIGHT,
        accent="#C07100",
        success="#00833A",
        warning="#AA6000",
        variables={**_light.variables, "footer-key-foreground": "#00416E"},
    ),
}
"""The themes the app offers, by name (the names are also what the picker shows)."""

THEME_LABELS = {DARK: "Escuro", LIGHT: "Claro"}
"""How each theme is named to the person."""

FORMER_NAMES = {"textual-dark": DARK, "textual-light": LIGHT}
"""Themes saved in preferences before the app had its own, and the one of ours each became."""


def chosen_theme(saved: str | None) -> str:
    """The theme to start with: the one saved (under its former name too), else the dark one."""
    name = FORMER_NAMES.get(saved or "", saved or "")
    return name if name in THEMES else DARK


class ThemeChoices(Provider):
    """The theme picker's entries: only the app's own themes, named in Portuguese."""

    def _choices(self) -> list[tuple[str, partial[None]]]:
        """(label, what choosing it does) for each theme."""
        return [(THEME_LABELS[name], partial(self._use, name)) for name in THEMES]

    def _use(self, name: str) -> None:
        """Switch to the theme ``name``."""
        self.app.theme = name

    async def discover(self) -> Hits:
        """Both themes, before anything is typed."""
        for label, choose in self._choices():
            yield DiscoveryHit(label, choose, help=f"Tema {label.lower()}")

    async def search(self, query: str) -> Hits:
        """The themes whose name matches what is typed."""
        matcher = self.matcher(query)
        for label, choose in self._choices():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), choose, help=f"Tema {label.lower()}")


TEXT_COLOURS = (
    "text",
    "text-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-error",
    "text-success",
    "text-warning",
)
"""Theme variables that text is drawn in."""

SURFACES = ("background", "surface", "panel")
"""Theme variables that text is drawn on (each also under ``$boost``, as inputs are)."""

BADGES = (
    ("text-success", "success-muted"),
    ("text-error", "error-muted"),
    ("text-warning", "warning-muted"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("footer-foreground", "footer-background"),
)
"""Text colours drawn on their own backgrounds: verdict badges and the footer."""

BOLD_BADGES = (
    ("block-cursor-foreground", "block-cursor-background"),
    ("button-color-foreground", "primary"),
    ("button-color-foreground", "success"),
    ("button-color-foreground", "warning"),
    ("button-color-foreground", "error"),
)
"""Bold text on its own background: the cursor row and the labels of coloured buttons."""

TINTS = ("primary 10%", "error 10%", "warning 10%", "success 10%")
"""The callout backgrounds, tints of a colour over the article's background."""

AA_NORMAL = 4.5
"""WCAG 2.1 AA minimum contrast for normal text."""
AA_BOLD = 3.0
"""WCAG 2.1 AA minimum contrast for large text, which bold text in a terminal stands for."""


def resolve(value: str, under: Color, variables: dict[str, str]) -> Color:
    """A theme value (``#hex``, ``name 60%``, ``auto 87%``) as a solid colour drawn on ``under``."""
    name, _, alpha_text = value.partition(" ")
    alpha = float(alpha_text.rstrip("%")) / 100 if alpha_text else 1.0
    if name == "auto":
        colour = under.get_contrast_text(alpha)
    elif name.startswith("#"):
        colour = Color.parse(name).multiply_alpha(alpha)
    else:
        colour = resolve(variables[name], under, variables).multiply_alpha(alpha)
    return under + colour


def luminance(colour: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(first: Color, second: Color) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_pairs(theme: Theme) -> dict[str, tuple[float, float]]:
    """Every text/background pair the app draws with ``theme``: its contrast ratio and the
    minimum WCAG AA asks of it."""
    variables = theme.to_color_system().generate()
    base = Color.parse(variables["background"])
    grounds: dict[str, Color] = {}
    for surface in SURFACES:
        ground = resolve(variables[surface], base, variables)
        grounds[surface] = ground
        grounds[f"{surface}+boost"] = resolve(variables["boost"], ground, variables)
    for tint in TINTS:
        grounds[tint] = resolve(tint, base, variables)
    ratios: dict[str, tuple[float, float]] = {}
    for name in TEXT_COLOURS:
        for where, ground in grounds.items():
            ratio = contrast(resolve(variables[name], ground, variables), ground)
            ratios[f"{name} on {where}"] = (ratio, AA_NORMAL)
    for pairs, minimum in ((BADGES, AA_NORMAL), (BOLD_BADGES, AA_BOLD)):
        for name, ground_name in pairs:
            ground = resolve(variables[ground_name], base, variables)
            ratio = contrast(resolve(variables[name], ground, variables), ground)
            ratios[f"{name} on {ground_name}"] = (ratio, minimum)
    return ratios
