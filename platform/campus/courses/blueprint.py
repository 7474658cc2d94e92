"""The blueprint of the course-module pages; `views` (reading) and `editing` (lecturers) add its routes."""

from flask import Blueprint

bp = Blueprint("courses", __name__, url_prefix="/modules")
