"""PySpark wrapper of io.gitplatform.spark.GitTaskTransformer (the JVM class does the work).

    spark-submit --jars spark/target/git-platform-spark-all.jar \
        --conf spark.plugins=io.gitplatform.spark.GitSparkPlugin --py-files spark/python/git_platform_spark.py app.py

    from git_platform_spark import GitTaskTransformer
    files = spark.read.format("binaryFile").load("videos/*.mp4").select("path")
    GitTaskTransformer(task="ask", questions=["what shape is it?"]).transform(files).show()
"""
import json

from pyspark import keyword_only
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable
from pyspark.ml.wrapper import JavaTransformer

_JAVA_CLASS = "io.gitplatform.spark.GitTaskTransformer"

# Name -> converter; the names, meanings and defaults are the JVM class's (see its Param docs).
_PARAMS = {
    "task": TypeConverters.toString,
    "questions": TypeConverters.toListString,
    "questionsCol": TypeConverters.toString,
    "labels": TypeConverters.toListString,
    "prompt": TypeConverters.toString,
    "topK": TypeConverters.toInt,
    "options": TypeConverters.toString,
    "model": TypeConverters.toString,
    "revision": TypeConverters.toString,
    "offline": TypeConverters.toBoolean,
    "backend": TypeConverters.toString,
    "device": TypeConverters.toInt,
    "dtype": TypeConverters.toString,
    "threads": TypeConverters.toInt,
    "frames": TypeConverters.toInt,
    "pluginsDir": TypeConverters.toString,
    "taskTimeoutSeconds": TypeConverters.toInt,
    "maxInFlight": TypeConverters.toInt,
    "inputCol": TypeConverters.toString,
    "pathCol": TypeConverters.toString,
    "taskCol": TypeConverters.toString,
    "resultCol": TypeConverters.toString,
    "framesCol": TypeConverters.toString,
    "modelCol": TypeConverters.toString,
    "dtypeCol": TypeConverters.toString,
    "timingsCol": TypeConverters.toString,
    "errorCol": TypeConverters.toString,
}


class _Reader(JavaMLReader):
    @classmethod
    def _java_loader_class(cls, clazz):
        return _JAVA_CLASS


class GitTaskTransformer(JavaTransformer, JavaMLReadable, JavaMLWritable):
    """Runs a GIT platform task over a column of paths or binaryFile bytes; see spark/README.md."""

    @keyword_only
    def __init__(self, **kwargs):
        super().__init__()
        self._java_obj = self._new_java_obj(_JAVA_CLASS, self.uid)
        self.setParams(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs):
        if isinstance(kwargs.get("options"), dict):
            kwargs["options"] = json.dumps(kwargs["options"])
        return self._set(**kwargs)

    def setOptions(self, options):
        """Options as a dict (generation.max_new_tokens, a plugin's own options, ...) or a JSON string."""
        return self._set(options=json.dumps(options) if isinstance(options, dict) else options)

    @classmethod
    def read(cls):
        return _Reader(cls)


# The Params as class attributes, as PySpark's own wrappers declare them (docs live on the JVM side).
for _name, _converter in _PARAMS.items():
    setattr(GitTaskTransformer, _name, Param(Params._dummy(), _name, "see " + _JAVA_CLASS, typeConverter=_converter))
