"""The one error hierarchy of contractlint.

Every error a user can meet is a ``ContractlintError``. Its message is one line that names the file and
says what to do about it, because the reader is often a lawyer, not a Python programmer.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigError",
    "ContractlintError",
    "CorruptFileError",
    "EmptyFileError",
    "EncryptedFileError",
    "InputError",
    "LegacyFormatError",
    "LimitExceededError",
    "OutputError",
    "OutputExistsError",
    "PatternError",
    "UnsupportedFormatError",
]


class ContractlintError(Exception):
    """Root of every error contractlint raises on purpose."""

    #: Exit status the CLI uses for this error (2: usage or input error, like ruff).
    exit_code = 2


class InputError(ContractlintError):
    """A contract file cannot be read as a contract."""

    def __init__(self, path: str | Path | None, problem: str, fix: str = "") -> None:
        self.path = None if path is None else str(path)
        self.problem = problem
        self.fix = fix
        where = f"{self.path}: " if self.path else ""
        message = f"{where}{problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)


class EmptyFileError(InputError):
    """The file has no bytes (often a failed download or copy)."""


class UnsupportedFormatError(InputError):
    """The content is not DOCX, PDF or plain text."""


class LegacyFormatError(UnsupportedFormatError):
    """A legacy binary Word (.doc) or similar format that must be converted first."""


class CorruptFileError(InputError):
    """The file claims a supported format but is damaged or truncated."""


class EncryptedFileError(InputError):
    """The file is password-protected or encrypted."""


class LimitExceededError(InputError):
    """The file exceeds a safety limit (size, decompressed size, pages, characters)."""


class PatternError(ContractlintError):
    """A pattern file is invalid; the message names file:line."""


class ConfigError(ContractlintError):
    """A configuration value or command-line option is invalid."""


class OutputError(ContractlintError):
    """An output file cannot be written where asked (e.g. it would replace the input)."""

    def __init__(self, path: str | Path, problem: str, fix: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem}" + (f"; {fix}" if fix else ""))


class OutputExistsError(OutputError):
    """The output file exists and ``--force`` was not given."""
