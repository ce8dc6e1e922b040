# SPDX-License-Identifier: GPL-3.0-or-later
"""The peer of bench_serve: MLflow 2.x's scoring server, reduced to what it does
for a scikit-learn model, from Debian's packages (MLflow itself is not packaged).

Like `mlflow models serve` (mlflow/pyfunc/scoring_server): a Flask app under
gunicorn's sync workers; POST /invocations parses application/json
{"dataframe_split": ...} or {"dataframe_records": ...} into a pandas DataFrame as
MLflow does (pd.DataFrame(data, columns) / pd.DataFrame(records)) and text/csv with
pd.read_csv, predicts with the model and answers {"predictions": [...]} with
json.dumps; GET /ping and /health answer 200. The model is scikit-learn's
StandardScaler + LogisticRegression(C=1, max_iter=200) fitted at start-up on the
file PEER_DATA (target column PEER_TARGET), the model of
resources/examples/iris_logreg.json. run_serve_benchmark.sh starts it:

    PEER_DATA=iris.csv PEER_TARGET=species gunicorn -w 1 -b 127.0.0.1:PORT \
        --chdir tests/bench serve_peer:app
"""
import io
import json
import os

import flask
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

_training = pd.read_csv(os.environ["PEER_DATA"])
_target = os.environ.get("PEER_TARGET", "species")
_inputs = [c for c in _training.columns if c != _target]
model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=200))
model.fit(_training[_inputs], _training[_target])

app = flask.Flask(__name__)


def _answer(status, body):
    return flask.Response(response=body, status=status, mimetype="application/json")


@app.route("/ping", methods=["GET"])
@app.route("/health", methods=["GET"])
def ping():
    return _answer(200, "\n")


@app.route("/invocations", methods=["POST"])
def invocations():
    content_type = (flask.request.content_type or "").split(";")[0].strip().lower()
    data = flask.request.get_data(as_text=True)
    try:
        if content_type == "text/csv":
            frame = pd.read_csv(io.StringIO(data))
        elif content_type == "application/json":
            parsed = json.loads(data)
            if "dataframe_split" in parsed:
                split = parsed["dataframe_split"]
                frame = pd.DataFrame(data=split["data"], columns=split.get("columns"), index=split.get("index"))
            elif "dataframe_records" in parsed:
                frame = pd.DataFrame(parsed["dataframe_records"])
            else:
                return _answer(400, json.dumps({"error_code": "BAD_REQUEST", "message": "unknown shape"}))
        else:
            return _answer(415, json.dumps({"error_code": "BAD_REQUEST", "message": "unsupported content type"}))
        predictions = model.predict(frame[_inputs])
    except Exception as error:  # MLflow answers a failed parse or predict with 400
        return _answer(400, json.dumps({"error_code": "BAD_REQUEST", "message": str(error)}))
    return _answer(200, json.dumps({"predictions": predictions.tolist()}))
