package io.gitplatform.app.jobs;

/** One partial result of a running job (a timeline segment), as stored: its place, its kind and its JSON. */
public record JobPart(int seq, String kind, String body) {
}
