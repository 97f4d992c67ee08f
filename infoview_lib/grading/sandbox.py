"""Keep an autograding kernel's writes inside the submission's own folder.

While nbgrader autogrades, the student's code runs in a kernel with the grader's
permissions: it could write into the course folder (``gradebook.db``, another
student's submission, the kit's own files). ``assignments/nbgrader_config.py``
starts every autograding kernel with :func:`confine_writes` in its
``exec_lines``, which run before the first cell. It uses Linux's Landlock (an
unprivileged sandbox, kernel 5.13+): from then on the kernel and every process it
starts may create, change or delete files only under its working folder (nbgrader
runs it in ``autograded/<student>/<assignment>/``), a private temporary folder and
``/dev``. Reading is not restricted. Where Landlock is missing (another OS, an old
kernel) it does nothing and says so on the kernel's log: the grades stay trusted
(see :mod:`.trusted`), only the files are unprotected.
"""
from __future__ import annotations

import ctypes
import os
import sys
import tempfile

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same on x86_64 and arm64
_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38
_O_PATH = getattr(os, "O_PATH", 0o10000000)

_WRITE_FILE = 1 << 1
_REMOVE_DIR, _REMOVE_FILE = 1 << 4, 1 << 5
_MAKE = sum(1 << bit for bit in range(6, 13))  # char, dir, reg, sock, fifo, block, sym
_REFER = 1 << 13     # ABI 2
_TRUNCATE = 1 << 14  # ABI 3


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when it has none."""
    if not sys.platform.startswith("linux") or os.uname().machine not in ("x86_64", "aarch64"):
        return 0
    libc = ctypes.CDLL(None, use_errno=True)
    version = libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_VERSION))
    return max(int(version), 0)


def private_temp_folder() -> str:
    """A new temporary folder for this process and its children (``TMPDIR`` points to it),
    so a sandboxed kernel does not need the shared one (where other courses may live)."""
    folder = tempfile.mkdtemp(prefix="infoview-kernel-")
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = folder
    return folder


def confine_writes(*folders: str) -> bool:
    """Allow this process and its children to write only under ``folders`` (default: the
    current folder), a private temporary folder and ``/dev``. True when the sandbox is on."""
    abi = landlock_abi()
    if abi < 1:
        print("infoview: Landlock is not available; the kernel's writes are not confined", file=sys.stderr)
        return False
    handled = _WRITE_FILE | _REMOVE_DIR | _REMOVE_FILE | _MAKE
    if abi >= 2:
        handled |= _REFER
    if abi >= 3:
        handled |= _TRUNCATE
    libc = ctypes.CDLL(None, use_errno=True)
    attr = _RulesetAttr(handled)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        for folder in {os.path.realpath(f) for f in (folders or (os.getcwd(),))} | {
                os.path.realpath(private_temp_folder()), "/dev"}:
            try:
                fd = os.open(folder, _O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                rule = _PathBeneath(handled, fd)
                if libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(rule), ctypes.c_uint32(0)) < 0:
                    raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {folder}")
            finally:
                os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if libc.syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        os.close(ruleset)
    return True


#: What the kernel runs before the first cell (``--IPKernelApp.exec_lines``): no names are left behind.
KERNEL_LINE = "__import__('infoview_lib.grading.sandbox', fromlist=['confine_writes']).confine_writes()"
