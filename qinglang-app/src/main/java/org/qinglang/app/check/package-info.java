/**
 * The pre-publish check (发布前检测): {@code POST /api/v1/text/check}, one text and its context in, the
 * Moderator's verdict out, synchronously, with the shipped feature library and fast model.
 */
package org.qinglang.app.check;
