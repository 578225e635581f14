"""``python -m skfer``: the same as the ``skfer`` command."""

import sys

from skfer.cli import main

if __name__ == "__main__":
    sys.exit(main())
