package io.daemoncontroller.sample.postgres;

/** A note kept in PostgreSQL's {@code note} table, created by the Flyway migration {@code V1__create_note.sql}. */
record Note(long id, String text) {
}
