TRAINERS = "Trainers"
PROGRAM_LEADS = "Program leads"
