package io.eer.request.domain;

/** Who asks: an employee or contractor for themselves, or a supervisor on someone's behalf. */
public enum Origin { EMPLOYEE_SELF, CONTRACTOR_SELF, ON_BEHALF }
