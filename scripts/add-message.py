#!/usr/bin/env python3
"""Adds or replaces one message in every locale file, keeping keys sorted and tab indentation.
Usage: scripts/add-message.py section.key en='…' ko='…' vi='…' … (one text for each of the 16
languages in messages/; a missing one stops it before any file is written)"""
import json, sys, pathlib
key, pairs = sys.argv[1], dict(a.split('=', 1) for a in sys.argv[2:])
section, name = key.split('.', 1)
paths = sorted(pathlib.Path('messages').glob('*.json'))
missing = [path.stem for path in paths if path.stem not in pairs]
if missing:
    sys.exit(f'missing text for {", ".join(missing)}')
for path in paths:
    locale = path.stem
    data = json.loads(path.read_text())
    data.setdefault(section, {})[name] = pairs[locale]
    data = {s: dict(sorted(v.items())) for s, v in sorted(data.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent='\t') + '\n')
