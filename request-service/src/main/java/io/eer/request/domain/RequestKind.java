package io.eer.request.domain;

/** Break-glass (EMERGENCY) or planned just-in-time access (JIT). */
public enum RequestKind { EMERGENCY, JIT }
