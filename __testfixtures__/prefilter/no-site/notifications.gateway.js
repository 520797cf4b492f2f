'use strict';

// WebSocket fan-out: socket.send, not a response.
function broadcast(clients, event) {
  const payload = JSON.stringify(event);
  for (const socket of clients) {
    try {
      socket.send(payload);
    } catch (err) {
      socket.close(1011, err.message);
    }
  }
}

module.exports = { broadcast };
