"""Writing the question bank for learning platforms (Moodle GIFT, IMS QTI 2.1), and reading it from a docs folder."""
