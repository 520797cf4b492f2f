const express = require("express")
const { getProfile } = require("../services/profile")

const router = express.Router()

router.get("/profile", async function (req, res) {
  try {
    const profile = await getProfile(req.session.userId)
    res.json(profile)
  } catch (error) {
    res.status(500).send({ error: error.toString() })
  }
})

module.exports = router
