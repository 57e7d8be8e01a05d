"""The one error type of the graph layer; its message is shown to users as is."""


class StoreError(Exception):
    """A store could not be opened, or refused a query."""
