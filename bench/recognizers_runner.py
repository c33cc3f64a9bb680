"""Run Microsoft Recognizers-Text (currency + percentage models) over contract JSONL on stdin.

Runs inside the benchmark's own environment (bench/.venv-recognizers), never the project's.
Prints one line: the number of results found.
"""

import json
import sys

from recognizers_number import recognize_percentage
from recognizers_number_with_unit import recognize_currency
from recognizers_text import Culture

CULTURES = {"en": Culture.English, "es": Culture.Spanish}


def main() -> None:
    found = 0
    for line in sys.stdin:
        case = json.loads(line)
        culture = CULTURES[case.get("lang") or "en"]
        found += len(recognize_currency(case["text"], culture))
        found += len(recognize_percentage(case["text"], culture))
    print(found)


if __name__ == "__main__":
    main()
