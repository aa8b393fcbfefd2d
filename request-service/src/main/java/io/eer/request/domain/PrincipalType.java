package io.eer.request.domain;

public enum PrincipalType { EMPLOYEE, CONTRACTOR }
