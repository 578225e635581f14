import io
from contextlib import redirect_stderr

import pytest


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(scope="session")
def terminal():
    """``with terminal() as err:``: standard error is a terminal in the block.

    Progress bars draw there; ``err.getvalue()`` is what they drew. (pytest
    puts its own stream back between a fixture's setup and the test.)
    """
    return lambda: redirect_stderr(_Terminal())
