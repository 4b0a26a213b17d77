-- E-learning: published course versions (content-addressed like script releases), lesson
-- reads, quiz attempts with per-question results, and passes (what dispatch gates on).
CREATE TABLE course_versions (
    id INTEGER PRIMARY KEY NOT NULL,
    course_id TEXT NOT NULL,
    number BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (course_id, number),
    UNIQUE (course_id, content_hash)
);

CREATE TABLE lesson_reads (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    lesson_id TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, course_id, lesson_id)
);

CREATE TABLE quiz_attempts (
    id INTEGER PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    version_id BIGINT NOT NULL REFERENCES course_versions(id),
    score BIGINT NOT NULL,
    passed BIGINT NOT NULL,
    answers TEXT NOT NULL,
    submitted_at BIGINT NOT NULL
);
CREATE INDEX quiz_attempts_user ON quiz_attempts(user_id, course_id);

CREATE TABLE quiz_question_results (
    attempt_id BIGINT NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    correct BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);

CREATE TABLE course_passes (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    version_id BIGINT NOT NULL REFERENCES course_versions(id),
    score BIGINT NOT NULL,
    passed_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, course_id)
);
