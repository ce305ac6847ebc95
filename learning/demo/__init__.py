"""Demo content for `manage.py seed_demo`: courses, quizzes and surveys, indicators, a training
session and simulated learners. Part of the site shell (README, Architecture): it uses every layer.
"""
