//! E-learning for agents: courses as files, quizzes with feedback, progress, and the
//! certification that gates call orders.
//!
//! - [`content`]: a course folder (`course.toml`, lessons in Markdown per language,
//!   `quiz.toml`, images) loaded into one [`content::Course`], versioned by the hash of its
//!   canonical form, like script releases;
//! - [`lint`]: `tracecall lint elearning`, one `path:line:column: message` per problem;
//! - [`markdown`]: lessons rendered to HTML with raw HTML escaped (authors write Markdown,
//!   not markup), and the links and images a lesson points at;
//! - [`quiz`]: scoring (a question is right when the chosen set equals the key) and the
//!   cooldown after a failed attempt, pure functions tested beside them;
//! - [`store`]: published course versions, lesson reads, attempts and passes;
//! - [`views`]: what the API and the pages show, built once;
//! - [`routes`] and [`pages`]: the API and the agent's pages.
//!
//! A pass is recorded per course id, whatever the version: editing a course's wording makes a
//! new version (so attempts name the exact content they were scored on) but does not send every
//! certified agent back to class. A new requirement is expressed by requiring another course
//! (from a campaign or a script release), which is what gating checks.

pub mod content;
pub mod error;
pub mod lint;
pub mod markdown;
pub mod pages;
pub mod quiz;
pub mod routes;
pub mod store;
pub mod views;
