"""Demo quizzes and surveys for the demo courses."""
