"""nbgrader's CheckCellMetadata, with the JSON schema compiled once instead of per cell.

nbgrader validates every cell's metadata with ``jsonschema.validate``, which re-checks the
schema itself on every call: about half of nbgrader's own time per notebook at autograde.
Same checks, same errors: valid metadata is confirmed by the schema compiled once with
``fastjsonschema`` (nbformat's own validator; without filling in the schema's defaults, which
it would otherwise write into the cells); only invalid metadata goes through ``jsonschema``
(compiled once too), for its precise error.
"""
import traceback

import fastjsonschema
import jsonschema
from nbgrader.nbgraderformat import ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata


class _CachedSchemaValidation(BaseMetadataValidator):
    _compiled = {}

    def validate_cell(self, cell):
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version != self.schema_version:      # the base class raises the precise error
            return super().validate_cell(cell)
        key = self.schema_version           # one schema file per version (loaded anew by each instance)
        if key not in self._compiled:
            cls = jsonschema.validators.validator_for(self.schema)
            cls.check_schema(self.schema)
            self._compiled[key] = (fastjsonschema.compile(self.schema, use_default=False), cls(self.schema))
        fast, precise = self._compiled[key]
        try:
            fast(cell.metadata["nbgrader"])
            return
        except fastjsonschema.JsonSchemaException:
            pass
        error = jsonschema.exceptions.best_match(precise.iter_errors(cell.metadata["nbgrader"]))
        if error is not None:
            raise error


class _Validator(MetadataValidatorV3, _CachedSchemaValidation):
    """V3 checks, then the schema check through the cached validator."""


class CheckCellMetadata(NbgraderCheckCellMetadata):
    def preprocess(self, nb, resources):
        try:
            _Validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)
        return nb, resources
