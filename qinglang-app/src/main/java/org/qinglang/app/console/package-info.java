/**
 * The console (管理控制台): server-rendered pages (Thymeleaf, htmx from WebJars), Chinese by default and English
 * with {@code ?lang=en}; every piece of user text is written with {@code th:text}, so escaped. Today the
 * login page, the home page and the admin's API-key page; the review queues come with the workflow.
 */
package org.qinglang.app.console;
