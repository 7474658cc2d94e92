"""The bare Flask app the web benchmarks compare Campus against."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
