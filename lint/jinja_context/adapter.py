"""`adapter.<anything>(...)` renders as a placeholder identifier while linting."""

from _placeholder import module_getattr as __getattr__  # noqa: F401
