#!/usr/bin/env python3
"""Writes lexicon/english-frequency.txt: the 30,000 most common English words and how common each is.

The matcher uses it to weigh a question word that the FAQ never uses: an everyday word
("principal", "wondering", "kid") says little about the topic, a rare one says a lot.

Source: the `wordfreq` package (PyPI, version 3.1.1), whose English list blends Wikipedia,
subtitles, news, books, web text, Twitter and Reddit. Its data is licensed CC-BY-SA 4.0.

    pip install wordfreq==3.1.1
    python3 lexicon/make_english_frequency.py > lexicon/english-frequency.txt

Each line is `word<TAB>zipf`, most common first; zipf is log10 of the frequency per billion
words (about 7 for "the", 3 for a word seen once per million words), with one decimal.
Only words of letters a-z are kept (the matcher folds accents and case before looking up).
"""
import re
import sys

import wordfreq
from importlib.metadata import version

N = 30000

def main() -> None:
    out = sys.stdout
    out.write(f"# The {N} most common English words (wordfreq {version('wordfreq')}, CC-BY-SA 4.0).\n")
    out.write("# Made by lexicon/make_english_frequency.py; word<TAB>zipf frequency.\n")
    kept = 0
    for word in wordfreq.iter_wordlist("en", wordlist="best"):
        if not re.fullmatch(r"[a-z]+", word):
            continue
        out.write(f"{word}\t{wordfreq.zipf_frequency(word, 'en'):.1f}\n")
        kept += 1
        if kept == N:
            break

if __name__ == "__main__":
    main()
