"""``python -m analysis.evaluation``: the same as ``python -m analysis evaluate``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
