// A route plugin that imports nothing: its routes are Fastify's because they are registered on the `fastify`
// parameter, written here without parentheses.
module.exports = async fastify => {
  fastify.get('/reports/:id', async (request, rep) => {
    try {
      return await buildReport(request.params.id);
    } catch (err) {
      rep.code(500).send({ error: err.message });
    }
  });
};

async function buildReport() {
  return {};
}
