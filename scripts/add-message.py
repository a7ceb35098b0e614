#!/usr/bin/env python3
"""Adds or replaces one message in every locale file, keeping keys sorted and tab indentation.
Usage: scripts/add-message.py section.key en='…' ko='…' vi='…' zh='…'"""
import json, sys, pathlib
key, pairs = sys.argv[1], dict(a.split('=', 1) for a in sys.argv[2:])
section, name = key.split('.', 1)
for path in sorted(pathlib.Path('messages').glob('*.json')):
    locale = path.stem
    if locale not in pairs:
        sys.exit(f'missing text for {locale}')
    data = json.loads(path.read_text())
    data.setdefault(section, {})[name] = pairs[locale]
    data = {s: dict(sorted(v.items())) for s, v in sorted(data.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent='\t') + '\n')
