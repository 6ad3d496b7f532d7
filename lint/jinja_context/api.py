"""`api.Column.translate_type(...)` renders the type name it was given."""


class Column:
    @staticmethod
    def translate_type(type_name: str) -> str:
        return type_name
