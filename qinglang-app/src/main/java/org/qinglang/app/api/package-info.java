/**
 * What every API endpoint shares (接口约定): the error format (RFC 9457 problem details naming the field and
 * the limit, in Chinese unless English is asked for), strict JSON field reading, bounded request bodies and
 * the request locale. New endpoints throw {@link org.qinglang.app.api.ApiException} and read their bodies
 * with {@link org.qinglang.app.api.Bodies} and {@link org.qinglang.app.api.JsonFields}; see docs/server.md.
 */
package org.qinglang.app.api;
