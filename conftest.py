"""Loaded first by pytest: outputs of the test run go to a temporary folder.

``analysis.paths`` reads ``ANALYSIS_REPORTS_DIR`` when it is first imported,
so the variable is set here, before any test or doctest imports the package;
notebooks executed by the tests inherit it.
"""

import os
import tempfile


def pytest_configure(config):
    os.environ.setdefault("ANALYSIS_REPORTS_DIR", tempfile.mkdtemp(prefix="analysis-test-reports-"))
