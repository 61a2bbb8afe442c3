"""Hinglish in English requests: the Hindi frame around English CRM words, read as English.

Indian sales teams write English with Hindi verbs and question words around the CRM words ("T R Srinivasan ko
lead mein daal do", "update kar do", "Urban Nest Homes se kaun kaun hai?", "jo bhi expo-visitor tag wale hai").
The CRM words are already English, so only the frame is rewritten; names and the rest stay as written. Like
``spanish.py`` it is a small lexicon, not a translator: each pattern needs the Hindi word that makes it
unambiguous ("kar do", "wale", "kaun", "kis"), so English text passes unchanged.
"""

from __future__ import annotations

import re

# (pattern, replacement), applied in order; case-insensitive
_RULES: list[tuple[str, str]] = [
    # "X ko lead mein daal do pls" -> "X to lead pls"
    (
        r"\s+ko\s+([\w-]+)\s+(?:mein|me|main)\s+(?:daal|dal|kar|daalo|karo|shift)\s*(?:do|dena|dijiye|karo)?\b",
        r" to \1",
    ),
    # "update kar do", "delete kar dijiye": the English verb with "do it" after it
    (
        r"\b(update|delete|assign|add|change|mark|move|remove|set|tag|create|log|close|transfer|shift|check)\s+"
        r"(?:kar|kr)\s*(?:do|dena|dijiye|dijie|diya|dein|de)\b",
        r"\1",
    ),
    # "jo bhi expo-visitor tag wale hai …", "hot tag waale": the people carrying the tag
    (r"\bjo\s+bhi\s+", "all "),
    (r"\b([\w-]+)\s+tag\s+(?:wale|waale|wali|waali|vale)(?:\s+(?:hai|hain|he|h))?\b", r"contacts tagged \1"),
    # "Urban Nest Homes se kaun kaun hai in the CRM?": who is there from a company
    (r"^\W*(?P<co>.+?)\s+(?:se|ke|ki)\s+kaun(?:\s+kaun)?\s+(?:hai|hain|he|h)\b", r"which contacts are at \g<co>"),
    # "Vivek Raman kis company mein hai?": which company someone is at
    (r"^\W*(?P<who>.+?)\s+kis\s+company\s+(?:mein|me|main)\s+(?:hai|he|h)\b", r"which company is \g<who> at"),
]
_COMPILED = [(re.compile(p, re.I), r) for p, r in _RULES]


def from_hinglish(text: str) -> str:
    """The request with its Hinglish frame rewritten in English (unchanged when it has none)."""
    for pattern, repl in _COMPILED:
        text = pattern.sub(repl, text)
    return text
