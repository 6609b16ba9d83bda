package io.agenthub.testkit.hashkey;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Serves the peer's REST API on Jetty, through {@link HashKeyMarketPeer#answerRest}. */
final class PeerRestHandler extends Handler.Abstract {

    private final HashKeyMarketPeer peer;

    PeerRestHandler(HashKeyMarketPeer peer) {
        this.peer = peer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String query = request.getHttpURI().getQuery();
        PeerRest.Answer answer = peer.answerRest(request.getMethod(), Request.getPathInContext(request),
                query == null ? "" : query, Request.extractQueryParameters(request));
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, answer.body(), callback);
        return true;
    }
}
