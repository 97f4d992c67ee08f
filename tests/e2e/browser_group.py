"""The browser tests that share the session's JupyterLab servers and browser (conftest.py's session
fixtures): one pytest-xdist group, so those start on one worker once, not on every worker that
runs one of these tests. (The coach app's tests start servers of their own and run apart.)"""
import pytest

SHARED_SERVER_TESTS = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.xdist_group("e2e-browser")]
