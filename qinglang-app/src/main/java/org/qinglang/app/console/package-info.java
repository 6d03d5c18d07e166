/**
 * The console (管理控制台): server-rendered pages (Thymeleaf, htmx from WebJars), Chinese by default and English
 * with {@code ?lang=en}; every piece of user text is written with {@code th:text}, so escaped. Here: the login
 * page, the home page, the admin's API-key page and the case page, which draws on several features (cases,
 * reports, decisions, evidence). A page of one feature sits in that feature's package (the queue in
 * {@code cases}, appeals in {@code appeals}, statistics in {@code stats}, users and passwords in {@code security}).
 */
package org.qinglang.app.console;
