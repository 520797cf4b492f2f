const express = require("express")
const { getProfile } = require("../services/profile")
const { InternalError } = require("../errors")

const router = express.Router()

router.get("/profile", async function (req, res, next) {
  try {
    const profile = await getProfile(req.session.userId)
    res.json(profile)
  } catch (error) {
    return next(new InternalError(undefined, { cause: error }))
  }
})

module.exports = router
